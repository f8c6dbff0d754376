curl -N -X POST https://api.axioniclabs.ai/steering/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -H "Accept: text/event-stream" \
  -d '{
  "prompts": [
    "She said, ",
    "He said, "
  ],
  "positive_answers": [
    "\"Oh! Wonderful!\"",
    "\"Upon my word!\""
  ],
  "negative_answers": [
    "\"Very well.\"",
    "\"Quite so.\""
  ],
  "method": "caa"
}'
