# mechanex has no call for POST /sampling/generate: generate() with the constraint posts
# it as an inline policy to POST /policies/run.

import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

# Not sent by mechanex: stream, params.seed
output = mx.generation.generate(
    prompt="Sum: ",
    max_tokens=30,
    sampling_method="top-k",
    grammar="root ::= num (\" + \" num)*\nnum ::= [1-9] [0-9]{0,2}  # \"quoted\" $HOME",
)
print(output)
