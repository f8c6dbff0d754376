curl -X POST https://api.axioniclabs.ai/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "your-model-name",
  "messages": [
    {
      "role": "system",
      "content": "Triage the report as JSON."
    },
    {
      "role": "user",
      "content": "Le café \"Déjà vu\" crashes on start, urgent!"
    }
  ],
  "max_tokens": 96,
  "policy": {
    "name": "Triage — \"strict\" JSON",
    "description": null,
    "metadata": {
      "reviewed": true,
      "owner": null,
      "examples": [
        [
          "crash",
          "bug"
        ],
        [
          "how do I",
          "question"
        ]
      ]
    },
    "task_profile": {
      "name": "triage",
      "category": null
    },
    "objective": {
      "name": "quality",
      "maximize": true,
      "latency_budget_ms": null
    },
    "sampling": {
      "method": "guided-generation",
      "temperature": 0.3,
      "top_p": 0.9,
      "adaptive_temperature": false
    },
    "steering": {
      "enabled": false,
      "vector_id": null
    },
    "constraints": {
      "json_mode": true,
      "json_schema": {
        "type": "object",
        "properties": {
          "label": {
            "enum": [
              "bug",
              "question",
              "idée \"neuve\""
            ]
          },
          "urgent": {
            "type": "boolean"
          },
          "owner": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 12
          },
          "spans": {
            "type": "array",
            "items": {
              "type": "array",
              "items": {
                "type": "integer",
                "minimum": 0,
                "maximum": 99
              },
              "minItems": 2,
              "maxItems": 2
            },
            "maxItems": 2
          }
        },
        "required": [
          "label",
          "urgent",
          "owner",
          "spans"
        ],
        "additionalProperties": false
      },
      "forbidden_terms": []
    },
    "verifiers": {
      "enabled": [
        "syntax",
        "json_schema"
      ],
      "repair_on_failure": true,
      "rerank": false
    },
    "optimization": {
      "best_of_n": 2,
      "confidence_triggered_regeneration": false,
      "fallback_methods": [
        "top-p"
      ]
    }
  },
  "include_trace": true,
  "stream": false
}'
