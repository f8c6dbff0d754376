import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("your-model-name")

text = mx.sae.generate(
    prompt="Explain how this policy handles refunds.",
    max_new_tokens=120,
    behavior_names=["Honesty"],
)
print(text)
