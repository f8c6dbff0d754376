curl -N -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "user",
      "content": "It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>"
    }
  ],
  "max_tokens": 16,
  "seed": 3,
  "stream": true,
  "stream_options": {
    "include_usage": true
  },
  "stop": null,
  "logprobs": true,
  "top_logprobs": 2,
  "sampling_method": "min-p",
  "steering_vector_id": null
}'
