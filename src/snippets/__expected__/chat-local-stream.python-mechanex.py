import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: temperature, seed, stream
output = mx.generation.generate(
    prompt="You are Miss Austen.\nUser: Hello, what can you do?\nAssistant: ",
    max_tokens=24,
    sampling_method="top-k",
    top_k=40,
)
print(output)
