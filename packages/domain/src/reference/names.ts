// Vietnamese personal names for generated members, by ethnicity and gender, in rough proportion.
import type { Gender } from "../member/schema.js";
import type { Random } from "./random.js";

/** The ethnic groups of Sóc Trăng's young people, in rough proportion. */
export const ETHNICITIES = [
  ["Kinh", 64],
  ["Khmer", 31],
  ["Hoa", 5],
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number][0];

const KINH_FAMILY = [
  ["Nguyễn", 31],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 6],
  ["Huỳnh", 6],
  ["Võ", 4],
  ["Phan", 4],
  ["Hoàng", 2],
  ["Trương", 2],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Hồ", 2],
  ["Ngô", 2],
  ["Dương", 2],
  ["Lý", 1],
  ["Đoàn", 1],
  ["Châu", 1],
  ["Tạ", 1],
  ["Lưu", 1],
] as const;
const KHMER_FAMILY = [
  ["Thạch", 30],
  ["Sơn", 20],
  ["Kim", 12],
  ["Danh", 10],
  ["Lâm", 10],
  ["Lý", 8],
  ["Trịnh", 5],
  ["Tăng", 5],
] as const;
const HOA_FAMILY = [
  ["Lâm", 20],
  ["Trương", 15],
  ["Quách", 12],
  ["Tăng", 10],
  ["Lý", 10],
  ["Mã", 8],
  ["Diệp", 8],
  ["Hứa", 8],
  ["Tô", 9],
] as const;

const MIDDLE: Record<Gender, readonly string[]> = {
  male: ["Văn", "Minh", "Hoàng", "Quốc", "Thanh", "Đức", "Hữu", "Ngọc", "Công", "Tấn", "Trung"],
  female: ["Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Hồng", "Thị Thu", "Thị Mỹ", "Thị Ngọc"],
};
const GIVEN: Record<Gender, readonly string[]> = {
  male: [
    "Tuấn",
    "Hùng",
    "Dũng",
    "Khang",
    "Phúc",
    "Tài",
    "Trí",
    "Thành",
    "Nam",
    "Long",
    "Hải",
    "Hiếu",
    "Nghĩa",
    "Tâm",
    "Toàn",
    "Vinh",
    "Phát",
    "Lộc",
    "Khoa",
    "Duy",
    "Huy",
    "Sang",
    "Tín",
    "Nhân",
    "Bảo",
    "Thắng",
    "Quang",
  ],
  female: [
    "Lan",
    "Hoa",
    "Mai",
    "Trang",
    "Thảo",
    "Nhung",
    "Linh",
    "Ngân",
    "Yến",
    "Diễm",
    "Trâm",
    "Vy",
    "Hân",
    "Như",
    "Thư",
    "Phương",
    "Quyên",
    "Tuyền",
    "Loan",
    "Hằng",
    "Xuân",
    "Nhi",
    "Hạnh",
    "Trinh",
    "Châu",
    "My",
  ],
};
const KHMER_GIVEN: Record<Gender, readonly string[]> = {
  male: [
    "Sô Phal",
    "Sa Rinh",
    "Chanh Đa",
    "Sóc Kha",
    "Vươl",
    "Pho",
    "Rưng",
    "Sa Vât",
    "Đa Ra",
    "Sà Quol",
    "Mến",
  ],
  female: ["Sa Ly", "Sô Phia", "Mây", "Chanh Thu", "Ry Na", "Sa Rết", "Sa Ranh", "Ni", "Sóc Thia", "Bô Pha"],
};

/**
 * A full name in the Vietnamese order (family, middle, given).
 * @example generateFullName(random, "female", "Kinh") // "Nguyễn Thị Hồng Nhung"
 */
export function generateFullName(random: Random, gender: Gender, ethnicity: Ethnicity): string {
  if (ethnicity === "Khmer") {
    const family = random.weighted(KHMER_FAMILY);
    const middle = gender === "female" ? "Thị" : random.chance(0.5) ? "Văn" : "";
    return [family, middle, random.pick(KHMER_GIVEN[gender])].filter((part) => part !== "").join(" ");
  }
  const family = random.weighted(ethnicity === "Hoa" ? HOA_FAMILY : KINH_FAMILY);
  return `${family} ${random.pick(MIDDLE[gender])} ${random.pick(GIVEN[gender])}`;
}

/** A religion as the register writes it, in rough proportion for each group. */
export function generateReligion(random: Random, ethnicity: Ethnicity): string {
  if (ethnicity === "Khmer") return random.chance(0.95) ? "Phật giáo Nam tông" : "Không";
  if (ethnicity === "Hoa") return random.chance(0.5) ? "Phật giáo" : "Không";
  return random.weighted([
    ["Không", 70],
    ["Phật giáo", 19],
    ["Công giáo", 5],
    ["Cao Đài", 3],
    ["Phật giáo Hòa Hảo", 3],
  ] as const);
}
