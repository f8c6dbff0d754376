# mechanex has no call for POST /sampling/generate: generate() with the constraint posts
# it as an inline policy to POST /policies/run.

import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: stream, params.seed
output = mx.generation.generate(
    prompt="The year: ",
    max_tokens=8,
    sampling_method="guided-generation",
    temperature=0.8,
    regex_pattern="1[0-9]{3}",
    steering_vector="austen-mini/exclamation",
    steering_strength=-0.5,
)
print(output)
