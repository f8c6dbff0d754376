curl -N -X POST http://127.0.0.1:8420/sampling/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "prompt": "Sum: ",
  "max_new_tokens": 30,
  "params": {
    "seed": 2
  },
  "grammar": "root ::= num (\" + \" num)*\nnum ::= [1-9] [0-9]{0,2}  # \"quoted\" $HOME",
  "stream": true
}'
