import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed, stop
output = mx.generation.generate(
    prompt="User: In which year was \"Pride and Prejudice\" published?\nAssistant: ",
    max_tokens=12,
    sampling_method="guided-generation",
    temperature=0.2,
    top_k=40,
    regex_pattern="1[0-9]{3}",
)
print(output)
