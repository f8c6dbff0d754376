curl -N -X POST https://api.axioniclabs.ai/v1/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "default",
  "prompt": [
    "It is a truth",
    "'\''It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>'\''"
  ],
  "max_tokens": 12,
  "stream": true,
  "top_p": 0.9,
  "n": 1
}'
