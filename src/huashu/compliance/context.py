"""Context shared by every rule that asks for it: a hit that is negated or disclosed (非保本,
不承诺下款, 本品不能代替药物), quoted as a warning (承诺保本高收益的都是诈骗, 谨防“无门槛放款”),
asked and disowned (全网最低价？这话我们不敢说), or refused in a dialogue
(:mod:`huashu.compliance.dialogue`) is not a claim the copy makes.

Negation and warnings are read on the punctuated normalised text, within the hit's clause.
Word boundaries are :mod:`huashu.compliance.boundaries`."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from huashu.compliance.dialogue import (
    answered_no,
    has_dialogue,
    opens_a_not_a,
    question_answered,
)
from huashu.compliance.normalize import Normalized, View
from huashu.compliance.windows import char_table

#: A negation or disclosure directly before the hit, in its clause (normalised text).
_NEGATED = re.compile(
    r"(?:不在[^，。！？；]{0,6}?(?:中|上|里)(?:使用|利用)|"
    r"并非|绝非|并不|从不|从未|不是|不会|不能|不可|不得|不宜|不要|切勿|不承诺|不保证|无法保证|"
    r"不能保证|无法|没办法|没有办法|没法|不敢|哪有|哪里有|哪儿有|不代表|不等于|不意味着|不构成|谨防|警惕|提防|当心|小心|拒绝|远离|杜绝|别信|勿信|"
    r"打破|破除|告别|不再|取消|禁止|严禁|没有|不存在|代替不了|替代不了|取代不了|算不上|称不上|举报|投诉|"
    r"治不了|治不好|医不好|防不了|不系|非|不|没|勿|未|别|无|"
    # a checklist's question (看是否要求拉人头): asked of the offer, not claimed
    r"(?:看|查|问|核实|确认|留意|注意)(?:一下|清楚)?(?:是否|有没有|是不是))"
    r"(?:任何|所谓|一定|绝对|完全|100%|啥|什么)?"
    r"(?:承诺|保证|宣传|宣称|声称|暗示|相信|轻信|做出|作出|提供|属于|构成|代表|意味着|等于|"
    r"等同于|存在|是|为|以|能|会|可|可以|具有|具备|含有|含|有|接|发|放|挂|带|做|卖|推荐|吃|用|买|"
    r"向|对|给|收|加|留|要求|自己|自行|擅自|随意|随便|问|找|要|私|说|讲|写|宣称|售|出售|销售|"
    r"治疗|治愈|治|医治|根治|预防|缓解|降低|降|"
    # what the advertiser does not do or use: 我们不使用“全网最低”, 更不会靠拉人头, 从不招募刷单人员
    r"使用|靠|招募|招聘|招揽|参与|组织|从事|喊|吹|搞|玩|标|展示|晒|公布|发布|贴|作|冲着|奔着|享受|享有|"
    r"向您|跟您|对您|给您|替您|帮您|向你|跟你|给你){0,2}"  # 不能宣传预防治疗疾病: two verbs
    # a qualifier of the figure between (不等于年化收益1.75%)
    r"(?:任何|所谓|个人|客户|用户|他人|别人)?(?:的)?(?:年化|预期|实际)?[\"“「『‘]?$"
)
#: Not offered to someone: 不向在校大学生提供贷款, 不面向未成年人.
_NOT_TOWARDS = re.compile(
    r"(?:(?:不|不会|绝不|决不|从不|永不|不得|禁止|严禁)(?:会)?(?:向|对|给|为|面向|针对)|"
    r"(?:不能|不可|不得|无法|并不能|不)"
    r"(?:代替|替代|用于|用来))[^，。！？；]{0,6}$"
    # What a rule forbids, its object between: 保健食品广告不得利用广告代言人作推荐,
    # 化妆品不允许添加激素.
    r"|(?:(?:不得|禁止|严禁|不允许)(?:利用|使用|含有|涉及|出现|添加)|(?:不准|不许|不能|不可以|不可)添加)[^，。！？；]{0,6}$"
    # Not given to the reader: 我们不能给您合同约定以外的返佣.
    r"|(?:不能|不可以|不可|无法|不会|不得|没法)(?:给|向|为|替)(?:您|你|大家|客户|任何人)[^，。！？；]{0,10}$"
    # Someone kept from it: 千万别让老人停药, 不要叫孩子…
    r"|(?:别|不要|不能|不可|切勿|勿|不许|不准|千万别|千万不要|不会|绝不会|决不会|从不|从来不|不会要求)(?:让|叫|劝|逼|怂恿|由着)[^，。！？；]{0,6}$"
    # Not to be taken for it: 千万不要把理财当成定期存款, 不要用保健食品代替药物.
    r"|(?:不要|别|不能|不可|切勿|勿|千万别|千万不要|不应|不该|不宜)(?:把|将)[^，。！？；]{0,8}$"
    r"|(?:不要|别|不能|不可|切勿|勿|千万别|千万不要|不应|不该|不宜)(?:用|拿|以)"
    r"[^，。！？；]{0,10}$"
    # Not to be counted on for it: 别指望护肤品治病.
    r"|(?:别|不要|不能|甭|千万别|千万不要|不应|不该)(?:指望|期待|幻想|迷信|寄希望于)[^，。！？；]{0,6}$"
    # Not able to do it to something: 也不能加速术后创面愈合.
    r"|(?:不能|不可|无法|不会)(?:加速|促进|帮助|用于)[^，。！？；]{0,6}$"
    # Quoted claims denied in a row: 而不是“降血糖”“治糖尿病”.
    r"|(?:不是|而不是|并非|不得|不能|禁止)(?:“[^”]{1,12}”[、，,]?){1,3}“[^”]{0,3}$"
)
#: Not done by whoever the copy names: 不是政府兜底, 并非银行保本 (but 不是我吹 boasts).
_NOT_BY = re.compile(r"(?:不是|并非|并不是)(?!我|咱|俺)[\u4e00-\u9fff]{1,3}$")
#: A denied statement covers the rest of its clause: 我不会跟大家说吃了能补脑、能降血压;
#: 不是说它是市场上最好的.
_SAYS_NOT = re.compile(
    r"(?:不是说|并不是说|不会[^，。！？；]{0,5}?说|不(?:跟|和|对|给|向)[^，。！？；]{0,4}?说|不敢说|从不说|"
    r"从来不说|没有说|不能说|不可以说|不吹|不讲|勿讲|莫讲|不会讲|"
    # Nobody said it: 理财经理全程没说过一个“保本”.
    r"没说过|从没说|从来没说|没提过|从没提|从来没提|没讲过|没承诺过|"
    r"不该说|不说)[^，。！？；]*$"
)
#: Earlier items of a list the negation governs (不能治湿疹、皮炎; 不存在“内部消息”“稳赚不赔”):
#: stripped from the end of the clause before it is read again.
_LIST_ITEMS = re.compile(
    r"(?:[“\"「『][^”\"」』，。！？；]{1,12}[”\"」』](?:、|和|或|及|与|或者)?"
    r"|[^、，。！？；“”\"「」『』]{1,10}(?:、|或者|以及))+[“\"「『]?$"
)
#: 不 that does not negate what follows (不仅保本, 不但, 不用担心).
_NOT_NEGATION = re.compile(
    r"(?:不仅|不但|不只|不光|不止|不用|不必|不怕|不愁|不管|不论|非常|非凡|"
    # 不 inside a symptom's name (月经不调、贫血…就好了; 消化不良): it negates nothing that follows
    r"不调|不良|不适|不足|不振|不全|不齐|不孕|不育|不畅|不安|不佳|不宁|不匀|不均)$"
)
#: A claim the copy says it does not make, with its object between: 我们不承诺房产升值,
#: 不宣传它有调节肠道菌群的保健功能; or none of a kind of thing: 书里没有任何购买链接.
_DISCLAIMED = re.compile(
    r"(?:(?:不|不会|从不|绝不|决不|并不|从来不|不再)(?:承诺|保证|宣传|宣称|声称|暗示|夸大|吹嘘|标榜|"
    r"叫|称|自称|号称|说|吹|乱吹|瞎吹|鼓吹|炒作|蹭)[^，。！？；]{0,12}"
    # Not recommended as a use: 我们不推荐用保健品替代药物.
    r"|(?:不|不会|从不|并不)(?:推荐|建议|提倡|主张|鼓励)(?:您|你|大家)?(?:用|使用|服用|拿|以|把)[^，。！？；]{0,8}"
    # Not something the advertiser runs: 更不搞什么“保过班”.
    r"|(?:不|不会|从不|绝不|决不|并不|从来不|不再)(?:搞|办|开|弄)"
    r"(?:什么|这种|那种|这类|那类|任何)[^，。！？；]{0,6}"
    r"|(?:没有|没|无|不含|不设|不带|不放|不挂|不加|不提供|不存在)任何[^，。！？；]{0,6})$"
)
#: A word the copy says must not be used to suggest the hit, the word between (too long for
#: the clause reach): 也不宜用“无添加”“纯天然”暗示绝对安全.
_NOT_USED_TO_SUGGEST = re.compile(
    r"(?:不|不宜|不应|不该|不能|不得|不要|别|勿|切勿|不可)(?:用|以|拿|靠|借)[^，。！？；]{1,24}?"
    r"(?:暗示|表示|宣称|声称|证明|形容|冒充)$"
)
#: Someone is sent to a professional, not quoted as one: 建议找皮肤科医生评估, 痘痘发炎了要看医生.
_REFERRED = re.compile(
    r"(?:找|看|去看|去找|咨询|请教|问问|求助于?|就诊于?|到|去)(?:专业的?|正规的?|当地的?)?$"
)
#: The professionals and places a reader may be sent to (``_REFERRED``).
_PROFESSIONAL = re.compile(r"皮肤科|医院|医生|医师|大夫|专科|药师|营养师|专家|三甲|门诊")
#: The hit quoted as someone else's claim: 所谓/号称/宣称…, or a scam warning after it.
_QUOTED_BEFORE = re.compile(
    r"(?:(?:什么是|何为|何谓|啥是)[“\"「『]$|凡是|所谓|号称|声称|宣称|自称|打着|冒充|假借|谎称|(?:别|不要)再信|不要相信|(?:别|勿|莫|不要|切勿)(?:轻)?(?:听)?信|不(?:轻|听)信|不信[“\"「『]|谨防|警惕|"
    r"提防|(?:骗子|诈骗分子|不法分子|黑中介|有人|对方|推销员|业务员|销售)"
    r"[^，。！？；]{0,4}?(?:常说|会说|说|称|以)"
    # Whoever says it is not to be trusted: 谁跟你说又保本又高收益，你就要警惕了.
    r"|谁(?:要是|若是|如果)?(?:跟|和|对|给|向)?(?:你|您)?(?:说|讲|承诺|保证|打包票)"
    r"|(?:边个|啥人|哪个人?)(?:同|跟|和|对)?(?:你|侬|您)?(?:讲|说|话)|凡(?:系|是)(?:话|讲|说)"
    # Sellers reported by someone warning a family member: 他们说吃了能降血压, 那个说买保险送鸡蛋.
    r"|(?:他们|她们|那些人|这些人|那个人|那人|群里|讲座上|卖保险的|卖保健品的|卖药的|推销的)"
    r"[^，。！？；]{0,4}?(?:说|讲|称|吹)|那个说|(?:那些|这些)(?:人|平台|广告|商家|机构|中介)?说"
    # A claim seen in someone else's post, quoted: 刷到“吃这个就能停降压药”的视频.
    r"|(?:刷到|看到|听到|收到)(?:过)?(?:一些|有人发的?|有人说)?[“\"「『][^”\"」』]{0,20}$"
    # Hearsay quoted to be corrected: 常听人说“买年金险就跟存定期一样”.
    r"|(?:常|总|经常|老)?听(?:人|别人|有人|身边人)说(?:[“\"「『]|$)"
    # A near miss told as a warning: 我外婆就差点因为自己停药住院.
    r"|(?:差点|险些|差一点)(?:就)?(?:因为|因)"
    # A question someone asks, quoted to be answered: 很多人问“日息万五”贵不贵.
    r"|(?:有人|很多人|不少人|好多人|许多人|网友|粉丝|朋友|客户|大家|有家人|家人们|观众|弹幕)[^，。！？；]{0,4}?"
    r"(?:常问|在问|会问|问过|问)"
    # What other ads do, described: 有些贷款广告…还只写日息, 把“不看征信”写成“不看zx”.
    r"|(?:只写|只标|只展示|只宣传|写成|说成|改成|只看|光看|只盯着|只关注))[^，。！？；]{0,12}$"
)
#: What others are said to believe, earlier in the sentence:
#: 很多朋友借款时只看日息，觉得每天才几块钱.
_BELIEVED = re.compile(
    r"(?:很多人|有人|不少人|好多人|许多人|有些人|很多朋友|不少朋友|很多用户|不少用户)[^。！？]{0,20}?"
    r"(?:觉得|以为|误以为|认为|总觉得)[^，。！？；]{0,12}$"
)
#: Quote marks (kept in the punctuated text by the normaliser).
_OPEN, _CLOSE = '“「『"', '”」』"'
#: Quote marks and the colon that introduces a list (see ``_quoted_mention``).
_MARKS = '“”「」『』"：'
#: A list introduced as forbidden words: 广告法禁用词：最、第一、顶级.
_LISTED = re.compile(
    r"(?:不能写|不能说|不能用|不得使用|禁止使用|禁用词|违禁词|敏感词|禁用语|极限词|不能出现|不能提|"
    r"(?:一律|严格|明令|坚决)禁止|严禁|禁止(?:以下|下列)|"
    r"套路|骗局|手法|陷阱|伎俩|常见话术|[三四五六]不[”」』\"]?|(?:非法集资|诈骗|骗局|传销)[^。！？]{0,6}?(?:几|[二三四五六七八九十])(?:个|大)特征)"
    r"[^。！？]{0,8}：[^。！？：]*$"
)
#: The seller reading out buyers' words, after saying it may not say it (我不说啊，咱不能说，我就
#: 念评论：“…”): the quotes are the seller's claim, not a mention (``_quoted_mention``).
_READS_OUT = re.compile(
    r"(?:念|读|给大家念|给大家读|看看)(?:一下|几条|一条|两条|条)?(?:粉丝|家人们?|大家|买家|顾客|老粉)?(?:的)?"
    r"(?:评论|留言|反馈|弹幕)"
)
#: Words that make a sentence a warning or an explanation of the rules (反诈, 科普, 不能说).
_WARNING_SENTENCE = re.compile(
    r"诈骗|骗局|骗子|骗人|呃人|当心|千祈|不好信|勿要相信|莫信|误导|违法|违规|虚假|不能说|不得|不能用|禁止|禁用|小心|警惕|谨防|提防|非法集资|"
    r"科普|反诈|假的|别(?:再)?信|不要(?:再)?信|不可信|陷阱|套路|举报|忽悠|别被|上当|不能写|禁用词|违禁词|广告法|"
    r"被骗|骗了|避坑|避雷|辟谣|错误说法|没有这种说法|没有这个说法|拉黑|留个?心眼|多长个心眼|挂电话|挂断|马上挂|直接挂|立刻挂|是坑|都是坑|割韭菜|96110|远离|消保|消费者权益保护|"
    r"12315|12378|"
    # fraud warnings and rules quoted: 不法分子冒充我行客服…请勿轻信; 法规不允许化妆品宣称“药妆”
    r"不法分子|冒充|轻信|不允许|(?:我行|本行|我司|特别|风险|消费)提[醒示]|提醒(?:大家|各位|家人)|打个?问号|"
    # a practice that is history: 过去部分理财承诺“保本保收益”，资管新规后已被打破
    r"打破|成为历史|"
    # a belief corrected, a cost disclosed: 很多人以为“吃保健品能治病”，这是个误区; 分期不是免费的
    r"误区|谣言|伪科学|不实|没有(?:可靠|科学)?的?(?:证据|依据)|缺乏(?:科学)?(?:证据|依据)|(?:说法|说辞|观点|宣传)(?:都|均|全|全都)?(?:不对|不正确|不准确|是错的|是错误的|错了)|(?:不是|并不|并非|并不是)免费|"
    # a lesson that sends the reader to the annual rate: 请认准合同载明的年化利率
    r"(?:认准|看清|看准|比较)[^。！？]{0,10}?年化利率|"
    # copy that sends the reader to the annual rate or calls a practice non-compliant
    r"(?:只是|仅是)计息方式|以年化(?:利率)?为准(?:比较|来比较|进行比较)|不合规|不是合规|非合规|切勿|"
    # a correction of the brand's own earlier wording: 该表述不符合保健食品广告规定，视频已下架
    r"不符合[^。！？]{0,12}?(?:规定|要求|法规|广告法)|更正(?:说明|声明)|已下架"
)
#: The next clause tells the reader to beware of it, in the strong words only: 任何承诺“保录取”
#: 的机构，都要提高警惕.
_BEWARE_NEXT = re.compile(
    r"[\"”」』’]?[^，。！？；]{0,14}?[，,](?:都|均|一律|大家|你|您|我们){0,2}(?:要|须|需|需要|务必|一定要|得)"
    r"(?:(?:提高)?(?:警惕|提防|远离)(?![^，。！？；]{0,2}?(?:通胀|通货膨胀|风险|亏损|损失|贬值|焦虑|烦恼))"
    r"|多?留(?:个|点|一)?心(?:眼)?|多(?:长)?个心眼)"
)
#: The next clause says the hit is a crime or false: 那就是博彩，是违法的; 说能治病，全是假的.
_CRIME_AFTER = re.compile(
    r"[\"”」』’]?[，,]?(?:这|那|它|这些|那些)?(?:全|都|全都|全部都|根本)?(?:是|系|属于|就是|本身就是)"
    # the kind of crime may be named first: 这就是典型的刷单返利诈骗
    r"(?:(?![不非没无])[\u4e00-\u9fff]){0,8}?(?:违法|非法|犯罪|诈骗|假的|骗人|呃人|骗局|谣言|忽悠|误区|误解)"
)
_WARNING_AFTER = re.compile(
    r"^[\"”」』’]?[^，。！？；]{0,10}?(?:的|等|之类的?)?(?:说法|宣传|承诺|字眼|话术|广告|产品|平台)?"
    r"(?:都|均|全|多半|大都|十有八九|多|往往|一律|大多|基本|必然|一定)?(?:是|为|属于|涉嫌|系)(?:非法|违法)?"
    r"(?:诈骗|骗局|骗子|陷阱|违规|违法|虚假|套路|非法集资|骗人|误导|忽悠|假的|金融活动|经营活动|坑|智商税)"
    r"|^[\"”」』’]?[^，。！？；]{0,14}?(?:为由|为名|的名义|等名义)"
    # The hit is what the reader is told to beware of: 承诺保本的“投资”要警惕.
    r"|^[\"”」』’]?[^，。！？；]{0,10}?(?:都|均|一律)?(?:要|须|需|需要|请|务必|一定要|得)"
    r"(?:(?:提高)?(?:警惕|当心|小心|提防|远离)|多?留(?:个|点|一)?心(?:眼)?|多(?:长)?个心眼)"
    # The hit is a term the law voids: “卡内余额概不退还”这类格式条款无效.
    r"|^[\"”」』’]?[^，。！？；]{0,10}?(?:这类|这种|此类|之类的?|等)(?:格式)?"
    r"(?:条款|规定|约定|声明|说法|宣传|话术)(?:本身)?(?:都|均|一律|就)?"
    r"(?:无效|违法|违反(?:了)?(?:广告法|法律|规定)|不合法|不受法律保护)"
    # The hit waved off as talk: “三天白两个度”这种话听听就好.
    r"|^[\"”」』’']?[^，。！？；]{0,12}?(?:这种|这类|这样的|此类|这些)(?:话|说法|宣传|广告词|话术)(?:都|就|也)?"
    r"(?:听听就好|听听而已|听听就算了|别信|不能信|不可信|当不得真|别当真|信不得|别当回事)"
    # The hit called not to be believed: 所谓“包治猫瘟”的说法都不可信.
    r"|^[\"”」』’]?[^，。！？；]{0,10}?(?:的)?(?:说法|宣传|承诺|广告)?(?:都|均|全)?"
    r"(?:不可信|不可靠|不靠谱|不能信|信不得)"
    # The hit names a kind of scam: 代理退保骗局, “征信修复”陷阱, 刷单返利诈骗 (not 绝非骗局).
    r"|^[\"”」』’]?(?:类|式|型)?(?:的)?(?:骗局|陷阱|诈骗|骗术|套路)"
    r"|^[\"”」』’]?(?:(?![不非没无])[\u4e00-\u9fff]){1,3}?(?:类|式|型)?(?:的)?(?:骗局|诈骗|骗术)"
    # The word itself is not to be used: 为什么说“保本”这个词不能乱用.
    r"|^[\"”」』’]?(?:这个|这种|这类|这几个|这两个|这样的)?(?:词|字眼|说法|字|用语|提法)?(?:是)?"
    r"(?:不能|不可|不可以|不得|不要|别|禁止|严禁|不允许)(?:乱|随便|随意|再)?(?:用|使用|说|写|提|出现)"
    r"|^[\"”」』’]?(?:[、和]?[“\"「『][^”\"」』]{1,10}[”\"」』])*"
    r"(?:这个|这种|这类|这几个|这两个|这样的|等)(?:词|字眼|说法|字|用语|提法)"
    r"(?:我们|咱们|我|本店|品牌)?(?:从来|从|绝)?(?:不会|不|不能|不敢)(?:乱|随便|随意)?(?:拿来|用来)?"
    r"(?:用|使用|说|写|提|形容|宣传)"
    # A list of quoted claims the reader is told to beware of:
    # 看到“7天白两度”“医学级”之类的宣传要警惕.
    r"|^[^”\"」』，。！？；]{0,6}[\"”」』’]?(?:[、和及与]?[“\"「『][^”\"」』]{1,12}[”\"」』]){0,4}(?:之类的?|等)(?:说法|宣传|承诺|字眼|话术|广告|用语)?"
    r"(?:都|均|一律)?(?:要|须|需|需要|请|务必|一定要|得)?(?:(?:提高)?(?:警惕|当心|小心|提防)|不可信|不能信|不合规)"
    # The hit is something that no longer exists: “保本理财”已经是过去式了.
    r"|^[\"”」』’]?[^，。！？；]{0,8}?(?:已经|已|早已|早就)(?:是过去式|成为历史|成了历史|被叫停|"
    r"被禁止|被取缔|取消|退出历史舞台|不复存在|不存在|没有了|打破了?|被打破|破除了?)"
)
#: A negation right after the hit: 本金安全无法保证, 保本不能承诺.
_NEGATED_AFTER = re.compile(
    r"^(?:得到)?(?:从来|根本|永远|都|也)?(?:无法|不能|不可能|难以|并不|并非|不|没有|未)(?:被|得到|能够?)?"
    r"(?:保证|保障|承诺|确保|实现|兑现)"
    # The hit said to differ from what it promises: 零利息≠零成本 (≠ reads 不等于).
    r"|^[\"”」』’]?(?:并)?(?:不等于|不等同于?|不代表)"
    # the product used after the illness was over: 湿疹好了以后用来保湿 (not 用了…湿疹好了)
    r"|^(?:好了|痊愈了?|治好了?|消退了?|康复了?)(?:以后|之后|后)(?:才|再|开始)?(?:用|使用|拿来)"
)
#: An effect the product is said not to have, its kind between: 也没有减肥治疗作用, 无任何美白功效.
_NO_EFFECT_BEFORE = re.compile(
    r"(?:没有|没|无|不具有|不具备|并无|并没有|不含|不存在)(?:任何)?[^，。！？；]{0,4}$"
)
#: (the thing acted on may come between: 不具有预防和治疗疾病的作用)
_EFFECT_AFTER = re.compile(r"^(?:[^，。！？；的]{0,4}的)?(?:作用|功效|效果|功能|疗效)")
#: The claim asked as a question and then disowned or answered no: 全网最低价？这话我们不敢说;
#: 第一？不敢当; 「买了保险什么都能赔」？不对哦; 能不能把降压药停了？绝对不能！; in a FAQ:
#: 问：定投能保证赚钱吗？答：不能。 In a dialogue: 客户：这个理财保本吗？坐席：不保本的。
_DISOWNED_AFTER = re.compile(
    r"[\"”」』’]?[^，。！；]{0,12}?？[\"”」』’]?(?:"
    r"(?:这(?:话|句话|个|种话|个说法)|这么说|此话)?"
    r"[^，。！？；]{0,5}?(?:不敢|不能|不会|不可以|没法|从不|可不敢|不好|没人能|没有人能|谁也不能|谁都不能|谁也没法|"
    r"不(?=(?:说|讲|写)(?:这种|这样的|这类|这个))|不(?=承诺|保证))(?:这么|这样|随便|乱)?"
    r"(?:说|讲|写|保证|承诺|当)"
    r"|(?:(?:答案|回答|答|坐席|客服|主播|老师|医生|药师|销售|顾问|店员|经理|客户经理|理财经理|工作人员)[：:]?)?"
    r"(?:是)?(?:当然|绝对|肯定|其实|并|真的)?(?:不对|不行|不能|不可以|不会|不是的|不一样|"
    r"不是这样|没有的事|没这回事|错了?|假的|别信|别慌|想多了|[\u4e00-\u9fff](?:不了|不到)|不[\u4e00-\u9fff]{1,2}(?=的)|"
    # a plain no that repeats the word: 理财保本吗？不保本。
    r"不(?!用|怕|愁|必|仅|但|光|止|只|管|论)[\u4e00-\u9fff]{1,2}(?=[，。！；]))"
    r"(?:的|哦|喔|啊|呀|呢)?[，。！；]"
    r"|(?:答案|回答)?(?:是)?否定的"
    # 正规银行理财早就不这么说了: the claim said to be no longer made
    r"|[^，。！？；]{0,10}?(?:早就|早已|已经)?不(?:再)?(?:这么|这样)(?:说|讲|宣传|写)(?:了)?(?:[，。！；]|$)"
    r"|(?:no|nope)(?![a-z0-9])"
    # the reader told not to be taken in: 赶紧买？别被「停售」带节奏
    r"|(?:千万)?(?:别被|不要被)"
    r")"
)
#: The hit is classed as a disease or a medical product, which the copy sends to a doctor or
#: sets apart from its own: 黄褐斑属于皮肤病，请到医院就诊; 医用敷料属于医疗器械.
_CLASSED_AFTER = re.compile(
    r"[^，。！？；]{0,4}?(?:属于|是)(?:一种|一类)?[^，。！？；]{0,4}?(?:疾病|病症|皮肤病|医疗器械|药品)"
)
#: The reader is sent to a doctor for it: 贫血请遵医嘱治疗, 牙龈出血请及时就医.
_SENT_TO_DOCTOR_BEFORE = re.compile(
    r"(?:请|应|应当|需|需要|要|建议|务必)(?:及时)?(?:遵医嘱|在医生指导下|到医院|去医院|就医|就诊)$|(?:遵医嘱|在医生指导下)$"
    # 请先按医生的术后护理要求来: the doctor's instructions, not the product
    r"|(?:按|遵|听)(?:照)?医生的?$"
)
_SENT_TO_DOCTOR_AFTER = re.compile(
    r"[^，。！？；]{0,6}?(?:请|应|应当|需|需要|要|建议|务必)(?:先|及时|尽快)?(?:到医院|去医院)?"
    r"(?:就医|就诊|遵医嘱|看医生)"
    # 想做医美请找有资质的医疗机构
    r"|[^，。！？；]{0,4}?(?:请|应|要|建议|务必)?(?:找|去|到)(?:有资质的|正规的?)(?:医疗机构|医院)"
    # 有高血压的，该吃的药按医嘱吃; 做完医美项目的朋友，请先按医生的…要求来
    # (other medicine taken as the doctor says, not this product: 请遵医嘱服用 is no deferral)
    r"|[^。！？；]{0,12}?药(?:物)?(?:还是|要|请|都|也)?(?:按|遵)医嘱|[^。！？；]{0,12}?医生开的药"
    # 做完光子嫩肤后…请遵医嘱护理: aftercare is the doctor's
    r"|后[^。！？；]{0,20}?请(?:先)?(?:遵医嘱|按医生)"
    r"|[^。！？；]{0,10}?(?:请|应|要|务必)先(?:按|遵|听)(?:照)?医生的?"
)
_CLAUSE_END = "，。！？；"
#: Characters read on each side of a hit for negation and warnings.
_REACH = 14


_CLAUSE_TAIL = re.compile(f"[^{_CLAUSE_END}]*$")
_CLAUSE_HEAD = re.compile(f"[^{_CLAUSE_END}]{{0,{_REACH + 8}}}")


def _clause_before(text: str, k: int) -> str:
    """Up to :data:`_REACH` characters before ``k``, back to the start of the clause."""
    before = text[max(0, k - _REACH) : k]
    m = _CLAUSE_TAIL.search(before)
    return m.group() if m else before


def _clause_after(text: str, k: int) -> str:
    m = _CLAUSE_HEAD.match(text, k)
    return m.group() if m else ""


def in_negated_context(norm: Normalized, start: int, end: int) -> bool:
    """Whether the original span ``[start, end)`` is negated, disclosed or quoted as a warning
    (module docstring)."""
    if not norm.text:
        return False
    k = int(np.searchsorted(norm.offsets, start, side="left"))
    j = int(np.searchsorted(norm.offsets, end, side="left"))
    return _negated_at(norm.text, k, j)


def _negated_at(text: str, k: int, j: int, quoted: bool = True) -> bool:
    """``text[k:j]`` is negated, quoted as a warning, or a quoted mention in a sentence that
    warns or explains (“包治百病”……全是假的; 化妆品广告不能说“治痘”“消炎”). ``quoted=False``
    skips the last test (no quote mark or colon shortly before the hit)."""
    # a hit that runs over a question's end (on a view without punctuation) is read from the
    # sentence after it: 谁说征信花了就借不到钱？…征信花、有逾期照样下款 answers the question
    # (over a full stop the hit keeps its start: 不能替代治疗。如有…疾病 stays denied)
    cut = text.rfind("？", k, j - 1)
    if cut >= 0:
        k = cut + 1
    answered = question_answered(text, k, j)
    if answered is not None:
        return answered
    if _clauses_negate(_clause_before(text, k), _clause_after(text, j)):
        return True
    if _DISOWNED_AFTER.match(text, j, j + 30):
        return True
    if _CLASSED_AFTER.match(text, j, j + 16) or _SENT_TO_DOCTOR_AFTER.match(text, j, j + 30):
        return True
    if _CRIME_AFTER.match(text, j, j + 20) or _BEWARE_NEXT.match(text, j, j + 32):
        return True
    if _SENT_TO_DOCTOR_BEFORE.search(text, max(0, k - 10), k):
        return True
    if _NOT_USED_TO_SUGGEST.search(text, max(0, k - 32), k):
        return True
    if answered_no(text, k, j):
        return True
    if _BELIEVED.search(_sentence_before(text, k)):
        return True
    if _PROFESSIONAL.match(text, k, j) and _REFERRED.search(_clause_before(text, k)):
        return True
    return quoted and _quoted_mention(text, k, j)


def _quoted_mention(text: str, k: int, j: int) -> bool:
    """Inside quotes (opened within the sentence, closed soon after) near words that warn or
    explain; or in a list of words the rules forbid (这些词不能写：保本、稳赚、零风险)."""
    if _READS_OUT.search(text, max(0, k - 60), k):
        return False
    if _LISTED.search(_sentence_before(text, k)):
        return True
    before = text[max(0, k - 60) : k]
    opened = max(before.rfind(q) for q in _OPEN)
    if opened < 0 or any(q in before[opened + 1 :] for q in "”」』") or "。" in before[opened:]:
        return False
    after = text[j : j + 24]
    closes = [i for i in (after.find(q) for q in _CLOSE) if i >= 0]
    # A sentence may end inside its quotes (…就能包下款。”): only a full stop before that counts.
    if not closes or "。" in after[: min(closes)].rstrip("。！？"):
        return False
    return bool(_WARNING_SENTENCE.search(text[max(0, k - 120) : j + 120]))


def _sentence_before(text: str, k: int) -> str:
    """Up to 80 characters before ``k``, back to the start of the sentence."""
    start = max(0, k - 80)
    lo = max(text.rfind(p, start, k) for p in "。！？")
    return text[lo + 1 if lo >= 0 else start : k]


@lru_cache(maxsize=65536)
def _clauses_negate(before: str, after: str) -> bool:
    if _before_negates(before):
        return True
    # The list may start after the negation or take it in as part of its first item
    # (不具有减肥、排毒的功能): try each start.
    pos = 0
    while (listed := _LIST_ITEMS.search(before, pos)) is not None:
        # (not where the negation and the item's first character make one word that does
        # not negate: 不用体检、不用健康告知 is "no need", not a denied list)
        k = listed.start()
        if k > 0 and _before_negates(before[:k]) and not _NOT_NEGATION.search(before[: k + 1]):
            return True
        pos = listed.start() + 1
    if _EFFECT_AFTER.match(after) and _NO_EFFECT_BEFORE.search(before):
        return True
    return bool(_NEGATED_AFTER.match(after) or _WARNING_AFTER.match(after))


def _before_negates(before: str) -> bool:
    if _NEGATED.search(before) and not _NOT_NEGATION.search(before):
        return True
    return bool(
        _NOT_TOWARDS.search(before)
        or _NOT_BY.search(before)
        or _QUOTED_BEFORE.search(before)
        or _SAYS_NOT.search(before)
        or _DISCLAIMED.search(before)
    )


#: A character of every negation, disclosure or warning cue read before a hit (非, 不, 防 of
#: 谨防, 称 of 宣称, 医 of 遵医嘱 …) and after it (无法保证, …的都是诈骗, 病 of 属于皮肤病): a
#: hit with none of them near, and no quote mark, is kept without reading its clauses.
_BEFORE_KEYS = "非不未防惕心拒离杜别勿破消禁没无严凡谓称着冒借信说以问谁医诊举诉觉为否莫讲吹"
_AFTER_KEYS = "无不难并没未诈骗陷违虚套忽假误由名已早警心防离集错想别病械药医诊呃"


def _running_count(text: str, chars: str) -> npt.NDArray[np.int64]:
    """``counts[k]``: how many of ``chars`` occur in ``text`` before position ``k``."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.concatenate(([0], np.cumsum(char_table(chars)[codes], dtype=np.int64)))


@lru_cache(maxsize=8)
def _mark_counts(text: str) -> tuple[npt.NDArray[np.int64], ...]:
    """Running counts of quote marks and colons, of before-cue and of after-cue characters."""
    return tuple(_running_count(text, chars) for chars in (_MARKS, _BEFORE_KEYS, _AFTER_KEYS))


def drop_in_context(
    norm: Normalized, view: View, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` of ``view`` that are not negated, disclosed or quoted as a warning."""
    if not spans or not norm.text:
        return spans
    arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
    starts = view.offsets[arr[:, 0]]
    ends = view.ends[arr[:, 1] - 1]
    ks_arr = np.searchsorted(norm.offsets, starts, side="left")
    ks, js = ks_arr.tolist(), np.searchsorted(norm.offsets, ends, side="left").tolist()
    text = norm.text
    # Quoted mentions need a quote mark or a colon in the 80 characters before the hit: count
    # them once for the field (most hits in long copy have none).
    marks, before, after = _mark_counts(text)
    js_arr = np.asarray(js, dtype=np.int64)
    quoted = marks[ks_arr] - marks[np.maximum(ks_arr - 80, 0)] > 0
    cues = (before[ks_arr] - before[np.maximum(ks_arr - _REACH, 0)] > 0) | (
        after[np.minimum(js_arr + _REACH + 8, len(text))] - after[js_arr] > 0
    )
    # a professional (医生, 皮肤科) is read whatever precedes it: the words that send a reader
    # to one (找, 看, 去) are too common to count as cues for every hit
    dialogue = has_dialogue(text)
    # (and the negative half of an A-not-A question, 会不会亏: read for its answer)
    read = [
        r or dialogue or bool(_PROFESSIONAL.match(text, k, j)) or opens_a_not_a(text, k)
        for r, k, j in zip((quoted | cues).tolist(), ks, js, strict=True)
    ]
    near = quoted.tolist()
    negated = [
        r and _negated_at(text, k, j, q) for k, j, r, q in zip(ks, js, read, near, strict=True)
    ]
    # a hit right after a negated one is governed by the same negation: 不会承诺保本保收益
    by_start = sorted(range(len(spans)), key=lambda i: ks[i])
    for a, b in itertools.pairwise(by_start):
        if negated[a] and not negated[b] and 0 <= ks[b] - js[a] <= 1:
            gap = text[js[a] : ks[b]]
            negated[b] = gap in ("", "、", "和", "或", "与", "及")
    return [span for span, n in zip(spans, negated, strict=True) if not n]
