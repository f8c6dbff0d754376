import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.completions.create(
    model="austen-mini",
    prompt="It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
    max_tokens=16,
    temperature=0,
    stop="$HOME",
    logprobs=2,
    echo=False,
    presence_penalty=0.5,
    frequency_penalty=-0.25,
    extra_body={"sampling_method": "typical", "typical_p": 0.8},
)
print(response.choices[0].text)
