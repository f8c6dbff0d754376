curl -N -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "system",
      "content": "Extract the message into a typed JSON object."
    },
    {
      "role": "user",
      "content": "Relayer outage on Osmosis, confidence 0.82"
    }
  ],
  "max_tokens": 72,
  "seed": 4,
  "policy": {
    "sampling": {
      "method": "guided-generation",
      "temperature": 0.2,
      "top_p": 0.9
    },
    "constraints": {
      "json_mode": true,
      "json_schema": {
        "type": "object",
        "properties": {
          "topic": {
            "type": "string"
          },
          "confidence": {
            "type": "number"
          }
        },
        "required": [
          "topic",
          "confidence"
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
    }
  },
  "stream": true
}'
