curl -X POST http://127.0.0.1:8420/sae/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -H "Accept: application/json" \
  -d '{
  "model": "austen-mini",
  "prompt": "Emma said, It'\''s \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $'\'' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} '\'''\'''\'' \"\"\" </script>",
  "max_new_tokens": 24,
  "behavior_names": [
    "dialogue"
  ],
  "force_steering": [
    "exclamation"
  ],
  "temperature": 0.8,
  "top_p": 0.9,
  "top_k": 40,
  "seed": 1,
  "sampling_method": "top-p"
}'
