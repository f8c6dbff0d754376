import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

# Not sent by mechanex: seed
result = mx.policy.run(
    prompt="Is the sea salty? Answer: ",
    policy_id="pol_5e0c2a9b7d14f3a86b21",
    model="austen-mini",
    max_new_tokens=8,
    include_trace=True,
)
# result also holds accepted, score, constraints_ok, verifier_ok and trace
print(result["output"])
