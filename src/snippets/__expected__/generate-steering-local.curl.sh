curl -N -X POST http://127.0.0.1:8420/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "Emma said, ",
  "max_tokens": 20,
  "temperature": 0.9,
  "top_p": 0.9,
  "sampling_method": "top-p",
  "seed": 3,
  "steering_vector_id": "austen-mini/exclamation",
  "steering_strength": 1.5
}'
