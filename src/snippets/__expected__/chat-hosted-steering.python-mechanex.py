import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("your-model-name")

# Not sent by mechanex: policy
output = mx.generation.generate(
    prompt="User: Describe a sunset.\nAssistant: ",
    max_tokens=256,
    sampling_method="top-k",
    steering_vector="sv_abc123",
    steering_strength=1.5,
)
print(output)
