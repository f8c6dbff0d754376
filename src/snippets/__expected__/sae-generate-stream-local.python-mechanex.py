import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed, include_activations, top_k_features
text = mx.sae.generate(
    prompt="Anne looked up from her letter, and said, ",
    max_new_tokens=32,
    behavior_names=["dialogue", "question"],
)
print(text)
