import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

output = mx.generation.generate(
    prompt="User: Hello!\nAssistant: ",
    max_tokens=100,
    sampling_method="top-k",
)
print(output)
