curl -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "my'\''model\"$(whoami)",
  "messages": [
    {
      "role": "system",
      "content": "It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>"
    },
    {
      "role": "user",
      "content": "Say It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>"
    },
    {
      "role": "assistant",
      "content": "true"
    },
    {
      "role": "user",
      "content": "%"
    }
  ],
  "max_tokens": 16,
  "temperature": 0.5,
  "seed": 7,
  "stop": [
    "'\''$(whoami)'\''",
    "`true`\n\t🦊",
    "null %"
  ],
  "stream": false,
  "logit_bias": {
    "0": -5,
    "96": -100
  },
  "user": "null",
  "min_p": 0.02,
  "repetition_penalty": 1.1,
  "steering_strength": 0
}'
