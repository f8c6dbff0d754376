curl -N -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "user",
      "content": "How did you like the ball?"
    }
  ],
  "max_tokens": 16,
  "seed": 1,
  "behavior_names": [
    "dialogue",
    "question"
  ],
  "stream": true
}'
