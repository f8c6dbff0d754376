curl -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "messages": [
    {
      "role": "user",
      "content": "Hello!"
    }
  ]
}'
