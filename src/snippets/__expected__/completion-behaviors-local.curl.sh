curl -X POST http://127.0.0.1:8420/v1/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "Anne looked up from her letter, and said, ",
  "max_tokens": 24,
  "seed": 2,
  "behavior_names": [
    "dialogue"
  ],
  "force_steering": [
    "exclamation"
  ],
  "stream": false
}'
