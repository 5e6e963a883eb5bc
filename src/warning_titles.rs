//! Korean headlines for the export's warnings. hoego-core writes each warning's
//! detail in English (the CLI prints it, and scripts match on its code); the
//! Korean UI puts a headline for the code before that detail, so a Korean user
//! can read what to check without reading English. The match is exhaustive: a
//! new warning code does not compile until it has its Korean headline.

use hoego_core::WarningCode;

/// What a warning of `code` means, in Korean.
pub fn title_ko(code: WarningCode) -> &'static str {
    use WarningCode::*;
    match code {
        DuplicateKey => "같은 키가 여러 번 있음",
        BadDate => "생성기가 읽을 수 없는 날짜",
        DuplicateKeyMerged => "중복된 키는 마지막 값만 남김",
        DateOffsetAdded => "날짜에 시간대를 붙임",
        DateFromFilename => "파일 이름에서 날짜를 가져옴",
        DateNow => "쓸 수 있는 날짜가 없어 지금 시각을 씀",
        TomlConverted => "TOML front matter를 YAML로 바꿈",
        TitleFromHeading => "첫 줄의 # 제목을 title로 옮김",
        ListNormalized => "tags/categories를 문자열 목록으로 바꿈",
        BoolNormalized => "yes/on 같은 값을 true/false로 씀",
        BoolQuoted => "참/거짓으로 읽힐 문자열에 따옴표를 붙임",
        TaxonomyRenamed => "tag/category를 tags/categories로 합침",
        FieldMapped => "생성기가 읽는 이름의 필드에도 같은 값을 씀",
        FieldAdded => "생성기에 필요한 키를 추가함",
        EditFailed => "계획한 수정을 적용하지 못해 그대로 둠",
        FrontMatterChanged => "front matter 항목이 바뀜",
        ImageRelative => "상대 경로 이미지를 함께 내보내지 못해 링크가 깨짐",
        ImageAbsolute => "옛 사이트의 절대 경로 이미지를 함께 내보내지 못함",
        ImageOutside => "블로그 폴더 밖의 이미지라 읽지 않음",
        ImageNotImage => "이미지가 아닌 파일이라 읽지 않음",
        KramdownRemoved => "kramdown 속성 목록({: …})을 지움",
        LiquidLeft => "Liquid 태그가 글자 그대로 남음",
        LiquidProtected => "Liquid 태그를 {% raw %}로 감쌈",
        LiquidEndraw => "본문의 {% endraw %} 때문에 Liquid를 감쌀 수 없음",
        SiteVariable => "{{ site.… }}를 사이트 설정 값으로 채움",
        PostUrlOutside => "내보내지 않는 글을 가리키는 post_url",
        PostUrlRelinked => "post_url을 글의 새 위치로 고침",
        PathCollision => "출력 경로가 겹쳐 이름을 바꿈",
        SlugUnsafe => "파일 이름으로 쓸 수 없는 슬러그라 새로 만듦",
        SlugShortened => "슬러그를 파일 시스템 길이 제한에 맞게 줄임",
        SlugReserved => "Windows 예약 이름이라 슬러그에 접미사를 붙임",
        DateOnlyLater => "시간 없는 날짜: UTC 자정 전까지 Jekyll이 글을 숨김",
        DraftPublished => "초안이지만 gatsby-starter-blog는 모든 글을 발행함",
        DateUtcDay => "UTC로는 하루 앞선 날짜: Jekyll URL·Gatsby 표시 날짜가 달라짐",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code's headline is Korean and says something no other code's does
    /// (a headline copied to a new code without being rewritten).
    #[test]
    fn every_code_has_its_own_korean_headline() {
        let mut seen = std::collections::HashMap::new();
        for &code in WarningCode::ALL {
            let title = title_ko(code);
            assert!(title.chars().any(|c| ('가'..='힣').contains(&c)), "{code}: no Hangul in {title}");
            if let Some(other) = seen.insert(title, code) {
                panic!("{code} and {other} share the headline {title}");
            }
        }
    }
}
