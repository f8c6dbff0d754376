import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.chat.completions.create(
    model="my'model\"$(whoami)",
    messages=[
        {
            "role": "system",
            "content": "It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
        },
        {
            "role": "user",
            "content": "Say It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
        },
        {"role": "assistant", "content": "true"},
        {"role": "user", "content": "%"},
    ],
    max_tokens=16,
    temperature=0.5,
    seed=7,
    stop=["'$(whoami)'", "`true`\n\t🦊", "null %"],
    stream=False,
    logit_bias={"0": -5, "96": -100},
    user="null",
    extra_body={"min_p": 0.02, "repetition_penalty": 1.1, "steering_strength": 0},
)
print(response.choices[0].message.content)
