"""Names of the groups of the answer workflow (created by migration 0002_answer_groups)."""

ANSWERER_GROUP = "Cán bộ trả lời"
REVIEWER_GROUP = "Biên tập hỏi đáp"
LEADER_GROUP = "Lãnh đạo phê duyệt hỏi đáp"
