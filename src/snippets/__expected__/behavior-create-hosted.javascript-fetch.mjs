const res = await fetch('https://api.axioniclabs.ai/behaviors/create', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    behavior_name: 'Honesty',
    prompts: ['Did you break the vase? ', 'Is the report finished? '],
    positive_answers: ['Yes, I did, and I am sorry.', 'Not yet: two sections are missing.'],
    negative_answers: ['No, it was like that already.', 'Yes, it is all done.'],
    steering_vector_id: 'sv_abc123',
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

const behavior = await res.json();
console.log(behavior.id, behavior.separation_auc);
