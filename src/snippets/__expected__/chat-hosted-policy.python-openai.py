import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="https://api.axioniclabs.ai/v1")

response = client.chat.completions.create(
    model="your-model-name",
    messages=[
        {"role": "system", "content": "Triage the report as JSON."},
        {"role": "user", "content": "Le café \"Déjà vu\" crashes on start, urgent!"},
    ],
    max_tokens=96,
    stream=False,
    extra_body={
        "policy": {
            "name": "Triage — \"strict\" JSON",
            "description": None,
            "metadata": {
                "reviewed": True,
                "owner": None,
                "examples": [["crash", "bug"], ["how do I", "question"]],
            },
            "task_profile": {"name": "triage", "category": None},
            "objective": {
                "name": "quality",
                "maximize": True,
                "latency_budget_ms": None,
            },
            "sampling": {
                "method": "guided-generation",
                "temperature": 0.3,
                "top_p": 0.9,
                "adaptive_temperature": False,
            },
            "steering": {"enabled": False, "vector_id": None},
            "constraints": {
                "json_mode": True,
                "json_schema": {
                    "type": "object",
                    "properties": {
                        "label": {"enum": ["bug", "question", "idée \"neuve\""]},
                        "urgent": {"type": "boolean"},
                        "owner": {"type": ["string", "null"], "maxLength": 12},
                        "spans": {
                            "type": "array",
                            "items": {
                                "type": "array",
                                "items": {
                                    "type": "integer",
                                    "minimum": 0,
                                    "maximum": 99,
                                },
                                "minItems": 2,
                                "maxItems": 2,
                            },
                            "maxItems": 2,
                        },
                    },
                    "required": ["label", "urgent", "owner", "spans"],
                    "additionalProperties": False,
                },
                "forbidden_terms": [],
            },
            "verifiers": {
                "enabled": ["syntax", "json_schema"],
                "repair_on_failure": True,
                "rerank": False,
            },
            "optimization": {
                "best_of_n": 2,
                "confidence_triggered_regeneration": False,
                "fallback_methods": ["top-p"],
            },
        },
        "include_trace": True,
    },
)
data = json.loads(response.choices[0].message.content)
print(json.dumps(data, indent=2))
