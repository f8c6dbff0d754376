import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed, behavior_names, stream
output = mx.generation.generate(
    prompt="User: How did you like the ball?\nAssistant: ",
    max_tokens=16,
    sampling_method="top-k",
)
print(output)
