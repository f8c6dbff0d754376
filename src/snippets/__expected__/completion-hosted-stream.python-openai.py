import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="https://api.axioniclabs.ai/v1")

stream = client.completions.create(
    model="default",
    prompt=[
        "It is a truth",
        "'It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>'",
    ],
    max_tokens=12,
    stream=True,
    top_p=0.9,
    n=1,
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].text, end="", flush=True)
print()
