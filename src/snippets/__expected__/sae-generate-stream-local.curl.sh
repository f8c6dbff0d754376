curl -N -X POST http://127.0.0.1:8420/sae/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "Anne looked up from her letter, and said, ",
  "max_new_tokens": 32,
  "behavior_names": [
    "dialogue",
    "question"
  ],
  "seed": 2,
  "include_activations": true,
  "top_k_features": 2
}'
