import json
import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

# Not sent by mechanex: steering_vector_id, steering_strength
result = mx.policy.run(
    prompt="User: Describe a sunset.\nAssistant: ",
    policy={
        "sampling": {"method": "guided-generation", "temperature": 0.2},
        "constraints": {"json_mode": True},
    },
    model="your-model-name",
    max_new_tokens=256,
    include_trace=False,
)
# result also holds accepted, score, constraints_ok, verifier_ok
data = json.loads(result["output"])
print(json.dumps(data, indent=2))
