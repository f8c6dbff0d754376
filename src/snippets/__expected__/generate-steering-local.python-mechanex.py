import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: temperature, seed
output = mx.generation.generate(
    prompt="Emma said, ",
    max_tokens=20,
    sampling_method="top-p",
    top_p=0.9,
    steering_vector="austen-mini/exclamation",
    steering_strength=1.5,
)
print(output)
