curl -X POST http://127.0.0.1:8420/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "model": "austen-mini",
  "messages": [
    {
      "role": "user",
      "content": "In which year was \"Pride and Prejudice\" published?"
    }
  ],
  "max_tokens": 12,
  "seed": 2,
  "stop": [
    "\n"
  ],
  "policy": {
    "sampling": {
      "method": "guided-generation",
      "temperature": 0.2,
      "top_k": 40
    },
    "constraints": {
      "regex_pattern": "1[0-9]{3}"
    },
    "verifiers": {
      "enabled": [
        "regex"
      ],
      "repair_on_failure": true
    }
  },
  "stream": false
}'
