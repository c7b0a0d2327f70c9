import { type Language, notIt, reportUsers, shiftWorkers, type Templates } from "./shared";

/** English messages, names and stops for the demo data. */

const templates: Templates = {
  external: [
    [
      "complaint",
      "mobile app",
      "The app logs me out every time I switch to another app. Then I'm standing at the gates logging in again with a queue behind me.",
    ],
    [
      "complaint",
      "mobile app",
      "Since updating to version {version} the app crashes as soon as I open my tickets. I'm on Android.",
    ],
    [
      "complaint",
      "ticket prices",
      "A single ticket went up again this year. For a trip of three stops it's now cheaper for me to take the car and park.",
    ],
    [
      "complaint",
      "punctuality",
      "Line {line} was {minutes} minutes late again this morning. Third time this week, and I missed my connection at {station}.",
    ],
    [
      "complaint",
      "punctuality",
      "The {time} bus from {station} simply never showed up. The display said 'on time' right until it vanished from the board.",
    ],
    ["complaint", "punctuality", "Late again. Every single day."],
    ["complaint", "customer service", "I waited 45 minutes on the phone and then got cut off. Nobody called me back."],
    [
      "complaint",
      "customer service",
      "I lost my Lumo card on Monday and reported it straight away. The website says a replacement takes five working days, but it's been two weeks and in the meantime I've paid for single tickets every day. Where is my card, and will I get those tickets refunded?",
    ],
    [
      "complaint",
      "website",
      "The journey planner on the website keeps suggesting a connection that hasn't existed for months.",
    ],
    [
      "complaint",
      "accessibility",
      "The lift at {station} has been out of order for two weeks. In my wheelchair I can't get to the platform at all, and there's no notice saying how long the repair will take.",
    ],
    [
      "complaint",
      "cleanliness",
      "The buses on line {line} are filthy in the evening. Sticky floors and rubbish under the seats.",
    ],
    [
      "complaint",
      "refunds",
      "I applied for a refund for a cancelled journey six weeks ago and still haven't heard anything.",
    ],
    [
      "complaint",
      "refunds",
      "I was charged twice for the same day pass. The app shows one ticket, my bank statement shows two payments.",
    ],
    ["complaint", "Wi-Fi on board", "The Wi-Fi on board connects, but nothing loads. Pointless."],
    ["complaint", "Wi-Fi on board", "Wi-Fi never works."],
    ["suggestion", "mobile app", "Please add a dark mode to the app. Checking departures at night is blinding."],
    [
      "suggestion",
      "mobile app",
      "It would be great if the app remembered my usual trip home so I could buy a ticket with one tap.",
    ],
    ["suggestion", "mobile app", "Let me pay with my phone wallet in the app, please."],
    [
      "suggestion",
      "ticket prices",
      "A weekend family ticket would make a real difference for us. Two adults and three kids adds up quickly.",
    ],
    [
      "suggestion",
      "website",
      "Could the website show live departures next to the timetable? At the moment I have to check two places.",
    ],
    [
      "suggestion",
      "accessibility",
      "Please announce the next stop out loud on every bus, not only on the trams. Not everyone can read the screen.",
    ],
    [
      "suggestion",
      "Wi-Fi on board",
      "Show how to connect to the Wi-Fi on the screens on board. Half the passengers don't know how.",
    ],
    [
      "suggestion",
      "punctuality",
      "Let the connecting bus at {station} wait a couple of minutes when the train is late. For you it's two minutes, for us it's half an hour.",
    ],
    [
      "suggestion",
      "cleanliness",
      "More bins at the stops, please. Especially at {station}, they're overflowing by the afternoon.",
    ],
    ["suggestion", "customer service", "A chat option on the website would be nice. Not everyone wants to phone."],
    [
      "compliment",
      "customer service",
      "The woman at the service desk at {station} sorted out my student discount in five minutes. So friendly!",
    ],
    ["compliment", "customer service", "Great service, thank you!"],
    [
      "compliment",
      "customer service",
      "Your driver waited for my 82-year-old mother at {station} and helped her with her bags. Please pass on our thanks.",
    ],
    ["compliment", "punctuality", "Line {line} has been spot on every day this month. Thanks!"],
    ["compliment", "mobile app", "The new app ({version}) is so much faster. Buying a ticket takes a few seconds now."],
    [
      "compliment",
      "accessibility",
      "The driver on line {line} got out and unfolded the ramp for my wheelchair without me having to ask. Made my day.",
    ],
    ["compliment", "cleanliness", "The new trams are really clean and quiet. Nice job."],
    ["compliment", "refunds", "Got my refund within three days, no hassle. Well done."],
    ["question", "ticket prices", "Is there a discount for over-65s, and do I have to apply for it?"],
    ["question", "ticket prices", "Do children travel free?"],
    ["question", "refunds", "How do I get a refund for an unused monthly pass? I've moved and don't need it any more."],
    ["question", "Wi-Fi on board", "Is there Wi-Fi on the regional buses too, or only on the trains?"],
    [
      "question",
      "website",
      "Where on the website can I download my receipts for the past year? My employer needs them.",
    ],
    ["question", "mobile app", "Can I keep tickets for two people on one phone?"],
    ["question", "accessibility", "Are guide dogs allowed on all lines?"],
    ["question", "punctuality", "Will line {line} run a different timetable during the summer holidays?"],
    ["question", "customer service", "What are the opening hours of the service desk at {station}?"],
  ],
  internal: [
    [
      "complaint",
      "laptop setup",
      "My new laptop arrived without the VPN client, so I couldn't work from home for the first three days.",
      notIt,
    ],
    [
      "complaint",
      "IT helpdesk",
      "The helpdesk closed my ticket as solved without checking with me. The printer on the second floor still doesn't work.",
      notIt,
    ],
    [
      "complaint",
      "expense reports",
      "Expense reports take far too long to get approved. I'm still waiting to be reimbursed for a trip two months ago.",
    ],
    [
      "complaint",
      "sales reporting",
      "Since the last update the weekly sales report is missing kiosk sales, so our numbers look far too low.",
      reportUsers,
    ],
    [
      "suggestion",
      "onboarding",
      "A short checklist for the first week would really help new colleagues. I had to ask around for everything, from my access card to the wiki.",
    ],
    [
      "suggestion",
      "expense reports",
      "Let us photograph receipts with our phones instead of scanning them and uploading from a PC.",
    ],
    [
      "suggestion",
      "sales reporting",
      "Could the sales dashboard be split by region? Right now we export it to Excel every Monday to do that ourselves.",
      reportUsers,
    ],
    [
      "compliment",
      "IT helpdesk",
      "Thanks to the helpdesk for fixing my email problem within an hour. Quick and clear.",
      notIt,
    ],
    [
      "compliment",
      "onboarding",
      "My onboarding was really well organised. Everything was ready on day one, including my laptop and access card.",
    ],
    ["question", "laptop setup", "Can I get a second screen for working from home, and who do I ask?", notIt],
    ["question", "expense reports", "Which cost centre should I use for travel to the training day?"],
    [
      "question",
      "IT helpdesk",
      "Can I reset my password myself? The helpdesk is closed in the evening, just when my shift starts.",
      shiftWorkers,
    ],
  ],
};

export const en: Language = {
  templates,
  slots: {
    station: ["Central Station", "Riverside", "Market Square", "North Gate", "Harbour Road", "University"],
    time: ["7:42", "8:15", "16:50", "17:05", "22:30"],
  },
  names: {
    first: [
      "Emma",
      "Oliver",
      "Amelia",
      "Jack",
      "Sophie",
      "Harry",
      "Chloe",
      "Daniel",
      "Grace",
      "Liam",
      "Priya",
      "Hannah",
    ],
    last: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Patel", "Walker", "Hughes", "Clarke"],
  },
};
