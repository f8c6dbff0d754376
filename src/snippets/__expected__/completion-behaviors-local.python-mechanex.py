import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed, behavior_names, force_steering
output = mx.generation.generate(
    prompt="Anne looked up from her letter, and said, ",
    max_tokens=24,
    sampling_method="top-k",
)
print(output)
