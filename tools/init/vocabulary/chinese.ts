import type { Vocabulary } from './types.js';

/** Chinese customer archives (金蝶 Kingdee, 用友 Yonyou U8: 客户编码, 客户名称, 结算币别, 价目表, 收款条件, 纳税登记号). */
export const CHINESE: Vocabulary = {
  customer_code: ['客户编码', '客户代码', '客户编号', '客户号', '客户id'],
  customer_name: ['客户名称', '客户全称', '公司名称', '客户简称', '客户名'],
  email: ['电子邮箱', '邮箱', '电子邮件', 'email'],
  phone: ['联系电话', '电话', '电话号码', '手机'],
  currency: ['结算币别', '币种', '币别', '货币'],
  price_label: ['价目表', '价格组', '价格表', '价格类型', '价格等级'],
  payment_terms_code: ['收款条件', '付款条件', '结算方式', '账期'],
  shipping_method_code: ['运输方式', '发运方式', '承运商', '物流公司'],
  sales_rep_code: ['销售员', '业务员', '专管业务员', '销售代表'],
  customer_group_code: ['客户分类', '客户类别', '客户分组'],
  tax_id: ['纳税登记号', '税号', '纳税人识别号', '统一社会信用代码'],
  notes: ['备注'],
  address_type: ['地址类型', '地址类别'],
  address_code: ['地址编码', '收货地址编码'],
  address_name: ['收货人', '联系人'],
  address_1: ['详细地址', '地址', '街道地址', '通讯地址'],
  address_2: ['地址2'],
  city: ['城市', '市'],
  state: ['省份', '省', '省市'],
  postal_code: ['邮政编码', '邮编'],
  country: ['国家', '国家代码', '国家地区'],
};
