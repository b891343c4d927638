/** The explorer page's icon (a request the browser makes anyway), drawn as three linked nodes. */
export const EXPLORE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M8 22 16 8l8 14z" fill="none" stroke="#1f4e79" stroke-width="2"/><circle cx="16" cy="8" r="5" fill="#1f4e79"/><circle cx="8" cy="22" r="5" fill="#2a9d8f"/><circle cx="24" cy="22" r="5" fill="#e76f51"/></svg>
`;
