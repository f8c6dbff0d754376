curl -X POST http://127.0.0.1:8420/v1/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "It is a truth universally acknowledged",
  "max_tokens": 16,
  "temperature": 0.7,
  "top_k": 40,
  "seed": 2,
  "steering_vector_id": "austen-mini/json",
  "steering_strength": -0.5,
  "stream": false
}'
