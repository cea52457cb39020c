// Members, the events of their lifecycle, and their referrals to the Party.
export {};
