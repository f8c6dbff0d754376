import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: temperature, seed
output = mx.generation.generate(
    prompt="It is a truth universally acknowledged",
    max_tokens=16,
    sampling_method="top-k",
    top_k=40,
    steering_vector="austen-mini/json",
    steering_strength=-0.5,
)
print(output)
