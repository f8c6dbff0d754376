curl -N -X POST http://127.0.0.1:8420/sampling/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82\n",
  "method": "guided-generation",
  "max_new_tokens": 72,
  "params": {
    "temperature": 0.2,
    "top_p": 0.9,
    "seed": 4
  },
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
  },
  "stream": true
}'
