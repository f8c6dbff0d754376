curl -N -X POST https://api.axioniclabs.ai/sae/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "your-model-name",
  "prompt": "Explain how this policy handles refunds.",
  "max_new_tokens": 120,
  "behavior_names": [
    "Honesty"
  ]
}'
