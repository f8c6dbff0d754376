curl -X POST http://127.0.0.1:8420/v1/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "Is the sea salty? Answer: ",
  "max_tokens": 8,
  "seed": 1,
  "policy_id": "pol_5e0c2a9b7d14f3a86b21",
  "include_trace": true,
  "stream": false
}'
