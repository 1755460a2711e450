import type { Vocabulary } from './types.js';

/** Korean customer lists (ECOUNT 거래처등록, 더존 Douzone: 거래처코드, 거래처명, 사업자등록번호, 단가그룹, 결제조건). */
export const KOREAN: Vocabulary = {
  customer_code: ['거래처코드', '고객코드', '거래처번호', '고객번호'],
  customer_name: ['거래처명', '고객명', '상호', '회사명', '상호명'],
  email: ['이메일', '전자우편', '메일'],
  phone: ['전화', '전화번호', '연락처'],
  currency: ['통화', '통화코드', '외화코드'],
  price_label: ['단가그룹', '단가유형', '가격그룹', '판매단가유형'],
  payment_terms_code: ['결제조건', '지불조건', '결제방법', '수금조건'],
  shipping_method_code: ['배송방법', '운송방법', '택배사'],
  sales_rep_code: ['담당자', '영업담당자', '담당자코드'],
  customer_group_code: ['거래처그룹', '거래처분류', '고객분류'],
  tax_id: ['사업자등록번호', '사업자번호', '부가세번호'],
  notes: ['비고', '메모'],
  address_type: ['주소구분', '주소유형'],
  address_1: ['주소', '상세주소', '주소1', '도로명주소'],
  address_2: ['주소2'],
  city: ['시군구', '도시', '시'],
  state: ['시도', '광역시도'],
  postal_code: ['우편번호'],
  country: ['국가', '국가코드'],
};
