curl -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "user",
      "content": "Were you pleased? Answer as JSON."
    }
  ],
  "max_tokens": 24,
  "seed": 5,
  "policy": {
    "sampling": {
      "method": "guided-generation",
      "temperature": 0.2
    },
    "constraints": {
      "json_mode": true,
      "json_schema": {
        "type": "object",
        "properties": {
          "excited": {
            "type": "boolean"
          }
        },
        "required": [
          "excited"
        ],
        "additionalProperties": false
      }
    },
    "verifiers": {
      "enabled": [
        "syntax",
        "json_schema"
      ],
      "repair_on_failure": true
    },
    "steering": {
      "enabled": true,
      "vector_id": "austen-mini/json",
      "strength": 1
    }
  },
  "stream": false
}'
