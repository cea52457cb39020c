// The names of a member's statuses, genders and event types in both languages.
import type { LocalizedText } from "@sodoan/domain";

export const STATUS_LABELS: Record<string, LocalizedText> = {
  not_admitted: { vi: "Chưa được kết nạp", en: "Not admitted" },
  active: { vi: "Đang sinh hoạt", en: "Active" },
  postponed: { vi: "Tạm hoãn sinh hoạt", en: "Activity postponed" },
  pending_transfer: { vi: "Đang chờ tiếp nhận", en: "Transfer pending" },
  matured: { vi: "Đã trưởng thành Đoàn", en: "Matured out" },
  removed: { vi: "Đã xóa tên", en: "Removed from the roll" },
  expelled: { vi: "Đã bị khai trừ", en: "Expelled" },
  deceased: { vi: "Đã từ trần", en: "Deceased" },
};

export const GENDER_LABELS = {
  male: { vi: "Nam", en: "Male" },
  female: { vi: "Nữ", en: "Female" },
} as const satisfies Record<string, LocalizedText>;

export const EVENT_LABELS: Record<string, LocalizedText> = {
  admitted: { vi: "Kết nạp", en: "Admitted" },
  transfer_out: { vi: "Chuyển sinh hoạt đi", en: "Transferred out" },
  transfer_in: { vi: "Tiếp nhận", en: "Received" },
  residence_registered: { vi: "Đăng ký sinh hoạt nơi cư trú", en: "Residence registration" },
  activity_postponed: { vi: "Tạm hoãn sinh hoạt", en: "Activity postponed" },
  activity_resumed: { vi: "Trở lại sinh hoạt", en: "Activity resumed" },
  matured: { vi: "Trưởng thành Đoàn", en: "Matured out" },
  removed_from_roll: { vi: "Xóa tên", en: "Removed from the roll" },
  disciplined: { vi: "Kỷ luật", en: "Disciplined" },
  deceased: { vi: "Từ trần", en: "Deceased" },
  rated: { vi: "Xếp loại", en: "Rated" },
  rewarded: { vi: "Khen thưởng", en: "Rewarded" },
  corrected: { vi: "Đính chính", en: "Correction" },
};
