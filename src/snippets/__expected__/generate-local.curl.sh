curl -N -X POST http://127.0.0.1:8420/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "prompt": "It is a truth It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>",
  "max_tokens": 20,
  "sampling_method": "top-p",
  "top_p": 0.8,
  "temperature": 0.9,
  "seed": 5
}'
