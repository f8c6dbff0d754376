curl -X POST http://127.0.0.1:8420/v1/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "prompt": "It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>",
  "max_tokens": 16,
  "temperature": 0,
  "stop": "$HOME",
  "logprobs": 2,
  "echo": false,
  "sampling_method": "typical",
  "typical_p": 0.8,
  "presence_penalty": 0.5,
  "frequency_penalty": -0.25
}'
