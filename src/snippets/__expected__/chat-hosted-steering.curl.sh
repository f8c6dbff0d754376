curl -X POST https://api.axioniclabs.ai/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "your-model-name",
  "messages": [
    {
      "role": "user",
      "content": "Describe a sunset."
    }
  ],
  "max_tokens": 256,
  "steering_vector_id": "sv_abc123",
  "steering_strength": 1.5,
  "policy": {
    "sampling": {
      "method": "guided-generation",
      "temperature": 0.2
    },
    "constraints": {
      "json_mode": true
    }
  }
}'
