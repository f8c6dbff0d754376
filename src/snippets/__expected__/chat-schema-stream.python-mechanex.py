import json
import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed, stream
output = mx.generation.generate(
    prompt="Extract the message into a typed JSON object.\nUser: Relayer outage on Osmosis, confidence 0.82\nAssistant: ",
    max_tokens=72,
    sampling_method="guided-generation",
    temperature=0.2,
    top_p=0.9,
    json_schema={
        "type": "object",
        "properties": {"topic": {"type": "string"}, "confidence": {"type": "number"}},
        "required": ["topic", "confidence"],
        "additionalProperties": False,
    },
)
data = json.loads(output)
print(json.dumps(data, indent=2))
