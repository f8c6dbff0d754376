curl -N -X POST http://127.0.0.1:8420/sampling/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "The year: ",
  "method": "guided-generation",
  "max_new_tokens": 8,
  "params": {
    "temperature": 0.8,
    "seed": 3
  },
  "regex_pattern": "1[0-9]{3}",
  "steering_vector_id": "austen-mini/exclamation",
  "steering_strength": -0.5,
  "stream": true
}'
