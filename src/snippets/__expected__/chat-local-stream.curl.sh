curl -N -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "system",
      "content": "You are Miss Austen."
    },
    {
      "role": "user",
      "content": "Hello, what can you do?"
    }
  ],
  "max_tokens": 24,
  "temperature": 0.8,
  "seed": 1,
  "stream": true,
  "sampling_method": "top-k",
  "top_k": 40
}'
