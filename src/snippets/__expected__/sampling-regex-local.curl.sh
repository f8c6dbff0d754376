curl -X POST http://127.0.0.1:8420/sampling/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "prompt": "Name and year, It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>: ",
  "method": "guided-generation",
  "max_new_tokens": 24,
  "params": {
    "temperature": 0.8,
    "seed": 3
  },
  "regex_pattern": "^[A-Z][a-z]+ [0-9]{4}$|'\''\"\\$"
}'
