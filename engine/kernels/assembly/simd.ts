// Inlined SIMD helpers shared by the kernels.

@inline
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// dot product of two f32 vectors of length n (n a multiple of 4)
@inline
export function dot4(x: usize, y: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  const end = x + (<usize>n << 2);
  while (x < end) {
    s = f32x4.add(s, f32x4.mul(v128.load(x), v128.load(y)));
    x += 16;
    y += 16;
  }
  return hsum(s);
}

// tanh as a rational approximation (Eigen's generic_fast_tanh_float), 4 lanes at a time: a few ulp from tanhf.
@inline
export function tanh4(x0: v128): v128 {
  const x = f32x4.min(f32x4.max(x0, f32x4.splat(-7.90531110763549805)), f32x4.splat(7.90531110763549805));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(x2, f32x4.splat(-2.76076847742355e-16)), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(5.12229709037114e-8));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(1.48572235717979e-5));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(6.37261928875436e-4));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(4.89352455891786e-3));
  p = f32x4.mul(x, p);
  let q = f32x4.add(f32x4.mul(x2, f32x4.splat(1.19825839466702e-6)), f32x4.splat(1.18534705686654e-4));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(2.26843463243900e-3));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(4.89352518554385e-3));
  return f32x4.div(p, q);
}
